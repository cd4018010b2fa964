-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('signed_out', 'revoked', 'password_changed', 'password_reset', 'deactivated', 'suspended');

-- CreateTable
CREATE TABLE "ended_sessions" (
    "id" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "reason" "SessionEndReason" NOT NULL,
    "endedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ended_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ended_sessions_expiresAt_idx" ON "ended_sessions"("expiresAt");

