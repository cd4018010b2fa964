// The outcome of a mutation, told the same way everywhere: a success toast, or the server's message
// (and its field errors on the form, when there is one).
import { notifyError, notifySuccess } from "@tenancy/ui";
import { useMemo } from "react";
import { useI18n } from "./i18n/i18n-provider.js";
import { readServerError } from "./server-error.js";

interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
}

export function useFeedback() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      success: (message: string) => notifySuccess(message),
      error: (error: unknown, form?: FormWithErrors) => {
        const problem = readServerError(error, t);
        if (form && Object.keys(problem.fieldErrors).length > 0) form.setErrors(problem.fieldErrors);
        notifyError(problem.message);
      },
    }),
    [t],
  );
}
