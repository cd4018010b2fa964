// A few realistic modules with their plans, for the development seed and tests that want a catalog.
import type { CreateModuleInput, CreatePlanInput } from "@tenancy/contracts";
import type { z } from "zod";

type ModuleInput = z.input<typeof CreateModuleInput>;
type PlanInput = Omit<z.input<typeof CreatePlanInput>, "moduleKey">;

const monthlyAndAnnual = (code: string, name: { en: string; fr: string }, monthly: Record<string, number>, rest: Partial<PlanInput> = {}): PlanInput[] => [
  { code, name, interval: "monthly", prices: monthly, ...rest },
  // Two months free on the annual plan.
  { code, name, interval: "annual", prices: Object.fromEntries(Object.entries(monthly).map(([c, p]) => [c, p * 10])), ...rest },
];

export const SAMPLE_CATALOG: Array<{ module: ModuleInput; plans: PlanInput[]; publish: boolean }> = [
  {
    module: {
      key: "integrations",
      name: { en: "Integrations", fr: "Intégrations" },
      description: {
        en: "Connect partners over the REST API and webhooks: API keys, inbound endpoints, outbound webhooks and their delivery logs.",
        fr: "Connectez vos partenaires par l'API REST et les webhooks : clés d'API, points d'entrée, webhooks sortants et leurs journaux de livraison.",
      },
      category: "integrations",
      icon: "plug",
      metrics: [
        { key: "api_calls", name: { en: "API calls", fr: "Appels d'API" }, resets: "monthly" },
        { key: "webhook_deliveries", name: { en: "Webhook deliveries", fr: "Livraisons de webhooks" }, resets: "monthly" },
      ],
    },
    plans: [
      ...monthlyAndAnnual("starter", { en: "Starter", fr: "Essentiel" }, { EUR: 2900, USD: 3200, NZD: 5200, JPY: 4500 }, {
        trialDays: 14,
        limits: { api_calls: 50_000, webhook_deliveries: 10_000 },
      }),
      ...monthlyAndAnnual("business", { en: "Business", fr: "Business" }, { EUR: 9900, USD: 10_900, NZD: 17_900, JPY: 15_000 }, {
        trialDays: 14,
        limits: { api_calls: 1_000_000, webhook_deliveries: 250_000 },
      }),
    ],
    publish: true,
  },
  {
    module: {
      key: "crm",
      name: { en: "Contacts & CRM", fr: "Contacts et CRM" },
      description: {
        en: "Keep customers, companies and deals in one place, with their history and follow-ups.",
        fr: "Réunissez clients, sociétés et affaires en un seul endroit, avec leur historique et leurs relances.",
      },
      category: "productivity",
      icon: "address-book",
      metrics: [{ key: "contacts", name: { en: "Contacts", fr: "Contacts" }, resets: "never" }],
    },
    plans: monthlyAndAnnual("team", { en: "Team", fr: "Équipe" }, { EUR: 800, USD: 900, NZD: 1400, JPY: 1200 }, {
      trialDays: 30,
      pricingModel: "per_user",
      limits: { contacts: 100_000 },
    }),
    publish: true,
  },
  {
    module: {
      key: "helpdesk",
      name: { en: "Helpdesk", fr: "Support client" },
      description: {
        en: "Answer customer requests from e-mail and a web form in one shared inbox, with response-time targets.",
        fr: "Répondez aux demandes des clients reçues par e-mail et par formulaire dans une boîte partagée, avec des délais de réponse cibles.",
      },
      category: "communication",
      icon: "lifebuoy",
      metrics: [{ key: "tickets", name: { en: "Tickets", fr: "Tickets" }, resets: "monthly" }],
    },
    plans: [
      ...monthlyAndAnnual("basic", { en: "Basic", fr: "Basique" }, { EUR: 1500, USD: 1700, NZD: 2700 }, { trialDays: 7, limits: { tickets: 500 } }),
      ...monthlyAndAnnual("pro", { en: "Pro", fr: "Pro" }, { EUR: 4900, USD: 5400, NZD: 8900 }, { trialDays: 7 }),
    ],
    publish: true,
  },
  {
    module: {
      key: "insights",
      name: { en: "Insights", fr: "Analyses" },
      description: {
        en: "Dashboards and scheduled reports over the workspace's activity.",
        fr: "Tableaux de bord et rapports planifiés sur l'activité de l'espace de travail.",
      },
      category: "analytics",
      icon: "chart-bar",
      metrics: [],
    },
    plans: monthlyAndAnnual("standard", { en: "Standard", fr: "Standard" }, { EUR: 1900, USD: 2100 }),
    publish: false,
  },
];
