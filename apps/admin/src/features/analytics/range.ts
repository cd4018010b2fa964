// The platform analytics' default range: the last 12 months, this one included (UTC months). Its own module
// so the route loader can prefetch the same input without importing the page.
const day = (d: Date) => d.toISOString().slice(0, 10);

export function defaultRange(now = new Date()): { from: string; to: string } {
  return { from: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))), to: day(now) };
}
