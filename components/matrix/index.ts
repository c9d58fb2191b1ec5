export * from "./types";
export * from "./adapters";
export * from "./thresholds";
export * from "./markdown";
export * from "./derived";
