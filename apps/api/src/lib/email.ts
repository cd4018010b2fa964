// Outgoing e-mail as an interface; the log-only implementation stands in until a provider is chosen.
import type { Logger } from "pino";

export interface EmailMessage {
  to: string;
  template: "welcome" | "verify_email" | "password_reset";
  data: Record<string, string>;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

export function createEmailSender(kind: "log" | "none", log: Logger): EmailSender {
  if (kind === "none") return { send: async () => undefined };
  return {
    async send(message) {
      // Never log secrets: templates carry links and names, not passwords.
      log.info({ email: { to: message.to, template: message.template } }, "email (log-only sender)");
    },
  };
}
