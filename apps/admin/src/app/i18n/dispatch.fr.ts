// French messages of the event dispatcher's settings (decision 49), spread into the French catalog (fr.ts).
export const dispatchFr = {
  "dispatch.retention.events": "Conserver les événements",
} as const;
