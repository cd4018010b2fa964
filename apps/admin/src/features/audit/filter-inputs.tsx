// Inputs of the audit filters that need more than a plain field: a text input that applies its value once
// typing pauses, and the actor picker (the tenant's users by name or e-mail, or any actor id typed in, e.g.
// a platform admin's; a plain id field for whoever may not list users).
import { Select, TextInput, type TextInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { useCan } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";

const TYPING_PAUSE_MS = 300;
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DebouncedTextInputProps extends Omit<TextInputProps, "value" | "onChange"> {
  value: string;
  onChange: (value: string) => void;
}

export function DebouncedTextInput({ value, onChange, ...props }: DebouncedTextInputProps) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (debounced !== value) onChangeRef.current(debounced);
  }, [debounced]); // Only a pause in typing applies the text; a new `value` from outside is taken below.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);

  return <TextInput {...props} value={text} onChange={(event) => setText(event.currentTarget.value)} />;
}

interface ActorFilterProps {
  value: string | undefined;
  onChange: (actorId: string | null) => void;
  /** A name for an actor id set from elsewhere (an entry's details), which the user list may not contain. */
  knownName?: string;
  w?: number;
}

export function ActorFilter(props: ActorFilterProps) {
  const { t } = useI18n();
  const can = useCan();
  if (can("users.read")) return <UserActorSelect {...props} />;
  return (
    <DebouncedTextInput
      label={t("audit.actor")}
      placeholder={t("audit.actorIdPlaceholder")}
      value={props.value ?? ""}
      onChange={(id) => props.onChange(id || null)}
      w={props.w}
    />
  );
}

function UserActorSelect({ value, onChange, knownName, w }: ActorFilterProps) {
  const { t } = useI18n();
  const labels = useRef(new Map<string, string>());
  const [search, setSearch] = useState("");
  const selectedLabel = value ? (labels.current.get(value) ?? knownName ?? value) : null;
  // Once an option is picked, the search box shows its label: that is not something to search for.
  const term = search === selectedLabel ? "" : search.trim();
  const [debounced] = useDebouncedValue(term, TYPING_PAUSE_MS);
  const users = trpc.users.list.useQuery({ search: debounced || undefined, sort: "name", limit: 20 }, { placeholderData: (previous) => previous });

  const options = (users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }));
  for (const option of options) labels.current.set(option.value, option.label);
  if (value && selectedLabel && !options.some((option) => option.value === value)) options.unshift({ value, label: selectedLabel });
  if (ID_PATTERN.test(debounced) && !options.some((option) => option.value === debounced)) options.push({ value: debounced, label: debounced });

  return (
    <Select
      label={t("audit.actor")}
      placeholder={t("audit.actorPlaceholder")}
      searchable
      clearable
      data={options}
      // The server searched already; an id typed in must stay offered although no label contains it.
      filter={({ options: all }) => all}
      value={value ?? null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={users.isFetching ? t("common.loading") : t("common.nothingFound")}
      w={w}
    />
  );
}
