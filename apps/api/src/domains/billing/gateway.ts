// The payment gateway as an interface, so a real provider drops in: charge an issued invoice, refund a
// payment, and turn the provider's webhooks into what the engine understands. The log-only implementation
// charges nothing: invoices stay open until a platform admin marks them paid, void or uncollectible.
import type { Logger } from "pino";

export interface ChargeRequest {
  invoiceId: string;
  tenantId: string;
  number: string | null;
  amount: number;
  currency: string;
}

export interface ChargeResult {
  /** pending: the provider has not settled it (or there is none); succeeded: the invoice is paid. */
  status: "pending" | "succeeded" | "failed";
  reference: string | null;
}

export interface RefundRequest {
  invoiceId: string;
  reference: string | null;
  amount: number;
  currency: string;
}

/** What a provider's webhook tells the engine. */
export type GatewayEvent = { type: "payment_succeeded" | "payment_failed"; invoiceId: string; reference: string };

export interface PaymentGateway {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<{ status: "pending" | "succeeded" | "failed" }>;
  /** Verifies and reads an incoming webhook; null when it is not one the engine acts on. */
  parseWebhook(request: { headers: Record<string, string | undefined>; body: string }): Promise<GatewayEvent | null>;
}

export function logOnlyGateway(log: Logger): PaymentGateway {
  return {
    name: "log",
    async charge(request) {
      log.info({ payment: { ...request } }, "charge (log-only payment gateway): the invoice stays open");
      return { status: "pending", reference: null };
    },
    async refund(request) {
      log.info({ refund: { ...request } }, "refund (log-only payment gateway): nothing refunded");
      return { status: "pending" };
    },
    async parseWebhook({ body }) {
      log.info({ bytes: body.length }, "webhook (log-only payment gateway): ignored");
      return null;
    },
  };
}

export function createPaymentGateway(kind: "log", log: Logger): PaymentGateway {
  switch (kind) {
    case "log":
      return logOnlyGateway(log);
  }
}
