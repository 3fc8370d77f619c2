import { useI18n } from "../../i18n";
import { AuditList } from "./AuditList";

export function AuditPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-page="audit">
      <header className="page-header">
        <h1>{t("audit.title")}</h1>
      </header>
      <AuditList query={{ entity: null, entity_id: null, limit: 1000 }} />
    </section>
  );
}
