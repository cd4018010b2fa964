// Sealing job: chains committed audit entries, in the order it finds them, shortly after they commit.
// Writers never wait on a per-tenant lock; only the sealer takes the chain row's lock, per batch.
import type { PrismaClient } from "@tenancy/db";
import { entryHash, PLATFORM_CHAIN_ID, type ChainedEntry } from "../lib/audit-chain.js";
import type { Clock } from "../lib/clock.js";

const BATCH = 500;

/** Seals every entry not sealed yet; returns how many it sealed. */
export async function sealAuditEntries(prisma: PrismaClient, clock: Clock): Promise<number> {
  const chains = await prisma.$queryRawUnsafe<Array<{ tenantId: string | null }>>(
    `SELECT DISTINCT "tenantId" FROM audit_entries WHERE "sealedAt" IS NULL`,
  );
  let sealed = 0;
  for (const { tenantId } of chains) {
    for (;;) {
      const count = await sealBatch(prisma, clock, tenantId);
      sealed += count;
      if (count < BATCH) break;
    }
  }
  return sealed;
}

async function sealBatch(prisma: PrismaClient, clock: Clock, tenantId: string | null): Promise<number> {
  const chainId = tenantId ?? PLATFORM_CHAIN_ID;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`INSERT INTO audit_chains ("chainId", "updatedAt") VALUES ($1::uuid, now()) ON CONFLICT DO NOTHING`, chainId);
    const [chain] = await tx.$queryRawUnsafe<Array<{ lastSeq: bigint; lastHash: string }>>(
      `SELECT "lastSeq", "lastHash" FROM audit_chains WHERE "chainId" = $1::uuid FOR UPDATE`,
      chainId,
    );
    const entries = await tx.auditEntry.findMany({
      where: { tenantId, sealedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    if (entries.length === 0) return 0;
    let seq = BigInt(chain!.lastSeq);
    let prev = chain!.lastHash;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const entry of entries) {
      seq += 1n;
      const hash = entryHash(prev, seq, entry as ChainedEntry);
      ids.push(entry.id);
      seqs.push(seq.toString());
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    const now = clock.now();
    await tx.$executeRawUnsafe(
      `UPDATE audit_entries a SET seq = v.seq, "prevHash" = v.prev, hash = v.hash, "sealedAt" = $5
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
        WHERE a.id = v.id`,
      ids,
      seqs,
      prevs,
      hashes,
      now,
    );
    await tx.$executeRawUnsafe(
      `UPDATE audit_chains SET "lastSeq" = $2::bigint, "lastHash" = $3, "updatedAt" = $4 WHERE "chainId" = $1::uuid`,
      chainId,
      seq.toString(),
      prev,
      now,
    );
    return entries.length;
  });
}
