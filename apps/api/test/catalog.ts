// A small catalog for tests, made through the platform admin's API: one module per call (unique keys), with
// a basic and a pro plan, monthly and annual, priced in EUR and USD (the annual plans cost ten months).
import type { Harness } from "./harness.js";

const text = (en: string) => ({ en, fr: `${en} (fr)` });
let n = 0;

export interface TestModule {
  key: string;
  plans: { basic: string; basicAnnual: string; pro: string; proAnnual: string };
}

export async function makeModule(
  h: Harness,
  { key = `mod_${++n}_${Date.now() % 100_000}`, pricingModel = "flat" as "flat" | "per_user", trialDays = 14, publish = true, prices = { basic: 3000, pro: 9000 } } = {},
): Promise<TestModule> {
  const ops = await h.platformAdmin();
  await ops.modules.create({
    key,
    name: text(`Module ${key}`),
    description: text("A module for tests."),
    category: "productivity",
    icon: "puzzle",
    metrics: [{ key: "api_calls", name: text("API calls"), resets: "monthly" }],
  });
  const plan = async (code: string, interval: "monthly" | "annual", monthly: number) =>
    (
      await ops.modules.plans.create({
        moduleKey: key,
        code,
        name: text(code[0]!.toUpperCase() + code.slice(1)),
        interval,
        prices: { EUR: interval === "annual" ? monthly * 10 : monthly, USD: (interval === "annual" ? monthly * 10 : monthly) + 100 },
        trialDays,
        pricingModel,
        limits: { api_calls: 1000 },
      })
    ).id;
  const plans = {
    basic: await plan("basic", "monthly", prices.basic),
    basicAnnual: await plan("basic", "annual", prices.basic),
    pro: await plan("pro", "monthly", prices.pro),
    proAnnual: await plan("pro", "annual", prices.pro),
  };
  if (publish) await ops.modules.publish({ key });
  return { key, plans };
}
