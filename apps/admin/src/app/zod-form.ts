// Validates a @mantine/form form with a contracts Zod schema, so the browser checks input exactly as the
// API will. `prepare` turns the form's values (all strings) into the schema's input shape first.
import type { z } from "zod";

export type FormErrors = Record<string, string>;

/** Zod issues as `{ "admin.password": "message" }`, the first message per field, paths as @mantine/form names them. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

export function zodResolver<Values>(schema: z.ZodType, prepare: (values: Values) => unknown = (values) => values) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(prepare(values));
    return result.success ? {} : issuesToErrors(result.error.issues);
  };
}
