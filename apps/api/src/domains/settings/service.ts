// Tenant settings: general info, localization (the whole app follows it at the next request) and
// compliance (retention periods enforced by the retention job; privacy of audit entries and exports).
import type { Settings, UpdateSettingsInput } from "@tenancy/contracts";
import { nameSortKey, type Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { diff, record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";

const SELECT = {
  name: true, slug: true, legalName: true, contactEmail: true, phone: true, addressLine: true, city: true, postalCode: true, country: true,
  timeZone: true, currency: true, language: true, dateFormat: true, numberFormat: true,
  auditRetentionDays: true, notificationRetentionDays: true, deliveryLogRetentionDays: true, eventRetentionDays: true, keepAuditIpAndUserAgent: true, maskPersonalDataInExports: true,
} as const satisfies Prisma.TenantSelect;

type Row = Prisma.TenantGetPayload<{ select: typeof SELECT }>;

function toDto(t: Row): Settings {
  return {
    general: { name: t.name, slug: t.slug, legalName: t.legalName, contactEmail: t.contactEmail, phone: t.phone, addressLine: t.addressLine, city: t.city, postalCode: t.postalCode, country: t.country },
    localization: {
      timeZone: t.timeZone,
      currency: t.currency,
      language: t.language,
      dateFormat: t.dateFormat as Settings["localization"]["dateFormat"],
      numberFormat: t.numberFormat as Settings["localization"]["numberFormat"],
    },
    compliance: {
      auditRetentionDays: t.auditRetentionDays,
      notificationRetentionDays: t.notificationRetentionDays,
      deliveryLogRetentionDays: t.deliveryLogRetentionDays,
      eventRetentionDays: t.eventRetentionDays,
      keepAuditIpAndUserAgent: t.keepAuditIpAndUserAgent,
      maskPersonalDataInExports: t.maskPersonalDataInExports,
    },
  };
}

const load = (scope: TenantScope) => scope.db.ownTenant.get(SELECT);

export async function get(scope: TenantScope): Promise<Settings> {
  return toDto(await load(scope));
}

export async function update(scope: TenantScope, input: z.infer<typeof UpdateSettingsInput>): Promise<Settings> {
  const before = await load(scope);
  const patch = { ...input.general, ...input.localization, ...input.compliance };
  const changes = diff(before, patch);
  if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every setting already has this value.");
  return scope.db.$transaction(async (tx) => {
    const name = input.general?.name;
    const updated = await tx.ownTenant.update({ ...patch, ...(name === undefined ? {} : { nameSortKey: nameSortKey(name) }) }, SELECT);
    await record(tx, scope, {
      type: "tenant.settings_updated",
      tenantId: scope.tenantId,
      target: { type: "tenant", id: scope.tenantId, name: updated.name },
      changes,
      payload: { tenantId: scope.tenantId, fields: Object.keys(changes) },
    });
    return toDto(updated);
  });
}
