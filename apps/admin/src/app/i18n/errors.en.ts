// English messages of one area of the app, spread into the English catalog (en.ts). Each area has its own
// file so work on different areas does not edit the same lines.
export const errorsEn = {} as const;
