export * from "./topics";
export * from "./catalog";
export * from "./units";
export * from "./thresholds";
export * from "./severity-alarms";
export * from "./alarm-pair";
export * from "./rate-alarm-pair";
export * from "./dashboard";
