// A coloured badge for a lifecycle status; the colour follows the status, the label is translated by the app.
// It keeps its full width in tight table cells (a status cut to "ACT…" says nothing).
import { Badge } from "@mantine/core";

const COLORS: Record<string, string> = {
  active: "green",
  suspended: "red",
  deactivated: "gray",
  pending: "yellow",
  success: "green",
  failure: "red",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={COLORS[status] ?? "blue"} variant="light" miw="max-content">
      {label}
    </Badge>
  );
}
