export * from "./errors.js";
export * from "./common.js";
export * from "./permissions.js";
export * from "./events.js";
export * from "./auth.js";
export * from "./platform.js";
export * from "./audit.js";
export * from "./users.js";
