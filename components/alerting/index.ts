export * from "./topics";
export * from "./catalog";
export * from "./units";
export * from "./thresholds";
export * from "./alarm-pair";
export * from "./dashboard";
