// Creating a module (a draft); its page opens next, where plans are added and it is published.
import { CreateModuleInput } from "@tenancy/contracts";
import { PageHeader } from "@tenancy/ui";
import { useNavigate } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { trpc } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { localized } from "./localized.js";
import { emptyModuleValues, ModuleFormFields, toModuleInput } from "./module-form.js";

export function ModuleCreatePage() {
  const { t, locale } = useI18n();
  usePageTitle(t("platformModules.new"));
  const navigate = useNavigate();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const create = trpc.modules.create.useMutation();

  return (
    <>
      <PageHeader title={t("platformModules.new")} description={t("platformModule.newHint")} />
      <ModuleFormFields
        mode="create"
        initialValues={emptyModuleValues()}
        validate={zodResolver(CreateModuleInput, toModuleInput)}
        submitLabel={t("platformModule.create")}
        submitting={create.isPending}
        onSubmit={(values, form) =>
          create.mutate(toModuleInput(values), {
            onSuccess: (module) => {
              void utils.modules.list.invalidate();
              feedback.success(t("platformModule.created", { name: localized(module.name, locale) }));
              void navigate(`/platform/modules/${module.key}`);
            },
            onError: (error) => feedback.error(error, form),
          })
        }
        onCancel={() => void navigate("/platform/modules")}
      />
    </>
  );
}
