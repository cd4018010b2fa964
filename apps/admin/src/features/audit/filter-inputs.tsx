// Inputs of the audit filters that need more than a plain field: a text input that applies its value once
// typing pauses, the actor picker (the tenant's users by name or e-mail, or any actor id typed in, e.g.
// a platform admin's; a plain id field for whoever may not list users) and the target picker (the
// workspace itself, its users and roles by name, or any target id typed in). A chosen actor or target is
// shown by its name, also when it came from the address: names the listed entries carry are passed in.
import { Select, TextInput, type TextInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { roleName, targetTypeLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { useCan, useSignedInMe } from "../../app/session.js";
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
  /** A name for an actor id set from elsewhere (an entry's details, the address), which the user list may not contain. */
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

interface TargetFilterProps {
  value: string | undefined;
  onChange: (targetId: string | null) => void;
  /** A name for a target id set from elsewhere (an entry's details, a user's page), e.g. from the listed entries. */
  knownName?: string;
  w?: number;
}

export function TargetFilter(props: TargetFilterProps) {
  const { t } = useI18n();
  const can = useCan();
  if (can("users.read")) return <TargetSelect {...props} />;
  // Without users.read the workspace's users and roles cannot be listed: the workspace itself, or an id.
  return (
    <DebouncedTextInput
      label={t("audit.target")}
      placeholder={t("audit.targetIdPlaceholder")}
      value={props.value ?? ""}
      onChange={(id) => props.onChange(id || null)}
      w={props.w}
    />
  );
}

function TargetSelect({ value, onChange, knownName, w }: TargetFilterProps) {
  const { t } = useI18n();
  const tenant = useSignedInMe().tenant;
  const labels = useRef(new Map<string, string>());
  const [search, setSearch] = useState("");
  const selectedLabel = value ? (labels.current.get(value) ?? knownName ?? value) : null;
  const term = search === selectedLabel ? "" : search.trim();
  const [debounced] = useDebouncedValue(term, TYPING_PAUSE_MS);
  const users = trpc.users.list.useQuery({ search: debounced || undefined, sort: "name", limit: 20 }, { placeholderData: (previous) => previous });
  const roles = trpc.roles.list.useQuery(undefined, { staleTime: 60_000 });

  const matches = (label: string) => debounced === "" || label.toLocaleLowerCase().includes(debounced.toLocaleLowerCase());
  const groups = [
    { group: targetTypeLabel(t, "tenant"), items: tenant ? [{ value: tenant.id, label: tenant.name }] : [] },
    { group: targetTypeLabel(t, "user"), items: (users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` })) },
    { group: targetTypeLabel(t, "role"), items: (roles.data?.items ?? []).map((role) => ({ value: role.id, label: roleName(t, role) })) },
  ].map(({ group, items }) => ({ group, items: group === targetTypeLabel(t, "user") ? items : items.filter((item) => matches(item.label)) }));
  for (const { items } of groups) for (const item of items) labels.current.set(item.value, item.label);
  const listed = (id: string) => groups.some(({ items }) => items.some((item) => item.value === id));
  const extra: { value: string; label: string }[] = [];
  if (value && selectedLabel && !listed(value)) extra.push({ value, label: selectedLabel });
  if (ID_PATTERN.test(debounced) && !listed(debounced) && debounced !== value) extra.push({ value: debounced, label: debounced });

  return (
    <Select
      label={t("audit.target")}
      placeholder={t("audit.targetPlaceholder")}
      searchable
      clearable
      data={[...extra, ...groups.filter(({ items }) => items.length > 0)]}
      // The server searched the users already; an id typed in must stay offered although no label contains it.
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
