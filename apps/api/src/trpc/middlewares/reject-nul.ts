// Refuses text containing NUL characters before validation: PostgreSQL cannot store them, and the error is
// clearer here, naming the field, than from the database.
import { AppError } from "../../lib/app-error.js";
import { t } from "../init.js";

function findNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, [...path, String(i)]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export const rejectNul = t.middleware(async ({ getRawInput, next }) => {
  const path = findNul(await getRawInput());
  if (path) {
    const field = path.join(".") || "input";
    throw new AppError("BAD_INPUT", `${field}: contains a NUL character, which cannot be stored; remove it.`, { field });
  }
  return next();
});
