// Types of build-stamps.mjs, for apps/admin/vite.config.ts (which writes the admin app's stamp).
export type Step = "install" | "prisma" | "admin";
export declare const repoRoot: string;
export declare const STEPS: Record<Step, { stamp: string; output: string; inputs: () => string[] }>;
export declare function inputsHash(step: Step, extra?: string): string;
export declare function isCurrent(step: Step, extra?: string): boolean;
export declare function writeStamp(step: Step, hash: string): void;
