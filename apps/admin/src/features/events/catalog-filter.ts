// Which catalog entries a search and a module filter keep: the search matches the type, its label and its
// description in the user's language, ignoring case and accents.
export interface CatalogEntryText {
  type: string;
  module: string;
  label: string;
  description: string;
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

export function filterCatalog<E extends CatalogEntryText>(entries: readonly E[], search: string, module: string | null): E[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (module && entry.module !== module) return false;
    const text = fold(`${entry.type} ${entry.label} ${entry.description}`);
    return words.every((word) => text.includes(word));
  });
}
