// English messages of one area of the app, spread into the English catalog (en.ts). Each area has its own
// file so work on different areas does not edit the same lines.
// Reference data (countries, time zones, currencies) and the date inputs.
export const referenceEn = {
  "reference.timeZone.alsoKnownAs": "Also: {names}",
  "reference.proposedForCountry": "Currency and time zone proposed for {country}: save this section to keep them.",
  "reference.date.clear": "Clear the date",
  "reference.date.previousMonth": "Previous month",
  "reference.date.nextMonth": "Next month",
  "reference.date.previousYear": "Previous year",
  "reference.date.nextYear": "Next year",
  "reference.date.previousDecade": "Previous decade",
  "reference.date.nextDecade": "Next decade",
  "reference.date.fromAfterTo": "The start date is after the end date; choose a start on or before {to}.",
  "reference.date.toBeforeFrom": "The end date is before the start date; choose an end on or after {from}.",
  "reference.sortBy": "Sort by",
  "reference.sort.createdAt": "Newest first",
  "reference.sort.name": "Name (A to Z)",
} as const;
