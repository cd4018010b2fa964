// The app's forms: @mantine/form's useForm, plus focus on the first field in error after a failed submit,
// whether the browser's check found it (validation) or the server did (its field errors, set through
// `setErrors` by useFeedback). Keyboard and screen reader users land on what to fix, with its message
// (WCAG 3.3.1). Every form of the app uses this `useForm`, not Mantine's.
import { useForm as useMantineForm, type FormErrors } from "@mantine/form";
import { useRef } from "react";

const FOCUSABLE = "input:not([type='hidden']):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex='-1'])";

/**
 * The field to focus: the first of `fieldPaths` (the form's fields in the order it shows them) that has an
 * error. Error paths are @mantine/form's ("admin.email"); one on an item ("roleIds.0") falls on its list's
 * field, one on a group ("admin") on the group's first field.
 */
export function firstInvalidField(errorPaths: readonly string[], fieldPaths: readonly string[]): string | null {
  const invalid = (field: string) => errorPaths.some((path) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`));
  return fieldPaths.find(invalid) ?? null;
}

/** The paths of `errors` that hold a message (@mantine/form keeps cleared ones as null or undefined at times). */
export function errorPaths(errors: FormErrors): string[] {
  return Object.entries(errors)
    .filter(([, message]) => message !== null && message !== undefined && message !== false && message !== "")
    .map(([path]) => path);
}

/**
 * Moves focus to the first field in error within `scope` (the form). Waits a frame, so React has shown the
 * messages and the field is announced with its own. Fields are found by the `data-path` attribute that
 * `getInputProps` puts on them; a group (checkboxes) gives focus to its first control.
 */
export function focusFirstInvalid(errors: FormErrors, scope: ParentNode = document): void {
  const paths = errorPaths(errors);
  if (paths.length === 0) return;
  requestAnimationFrame(() => {
    const fields = [...scope.querySelectorAll<HTMLElement>("[data-path]")];
    const path = firstInvalidField(
      paths,
      fields.map((field) => field.dataset.path ?? ""),
    );
    const field = fields.find((candidate) => candidate.dataset.path === path) ?? scope.querySelector<HTMLElement>("[aria-invalid='true']");
    const target = field?.matches(FOCUSABLE) ? field : field?.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  });
}

/** @mantine/form's useForm (same options, same form), focusing the first field in error after a failed submit. */
export const useForm: typeof useMantineForm = (input) => {
  const form = useMantineForm(input);
  /** The form element last submitted: where the server's field errors, which come later, are looked for. */
  const element = useRef<HTMLFormElement | null>(null);
  const onSubmit: typeof form.onSubmit = (handleSubmit, handleValidationFailure) => (event) => {
    if (event?.currentTarget instanceof HTMLFormElement) element.current = event.currentTarget;
    form.onSubmit(handleSubmit, (errors, values, failedEvent) => {
      focusFirstInvalid(errors, element.current ?? document);
      handleValidationFailure?.(errors, values, failedEvent);
    })(event);
  };
  const setErrors: typeof form.setErrors = (errors) => {
    form.setErrors(errors);
    if (typeof errors !== "function") focusFirstInvalid(errors, element.current ?? document);
  };
  return { ...form, onSubmit, setErrors };
};
