// English messages of the event dispatcher's settings (decision 49), spread into the English catalog (en.ts).
export const dispatchEn = {
  "dispatch.retention.events": "Keep events",
} as const;
