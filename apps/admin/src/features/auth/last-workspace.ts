// Remembers the workspace (tenant slug) last used to sign in on this browser, to prefill the next time.
const KEY = "tenancy.lastWorkspace";

export function readLastWorkspace(): string {
  try {
    return localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function saveLastWorkspace(workspace: string): void {
  try {
    if (workspace) localStorage.setItem(KEY, workspace);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage can be disabled (private mode); prefilling is a convenience only.
  }
}
