export * from "./access-logs";
export * from "./args";
export * from "./distribution";
export * from "./facts";
