import { useCallback, useEffect, useRef, useState } from "react";
import type { ProposalView, ProposeStatus, RosterView } from "../../api/bindings";
import { api, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useI18n } from "../../i18n";
import { formatDateTime } from "../../i18n/format";

interface Props {
  month: string;
  /** The proposal under review (its preview is shown in the grid), or none. */
  onProposal: (p: ProposalView | null) => void;
  onAccepted: (v: RosterView) => void;
}

/**
 * "Propose" on a draft month: time and seed, the search's progress with its best so far and a
 * stop button, then the proposal to review (what it changes and gains, what it could not cover
 * and why) and to accept or discard. The rules and the search are the core's.
 */
export function ProposePanel({ month, onProposal, onAccepted }: Props) {
  const { t } = useI18n();
  const [seconds, setSeconds] = useState("20");
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 100000)));
  const [status, setStatus] = useState<ProposeStatus | null>(null);
  const [proposal, setProposal] = useState<ProposalView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<number | null>(null);
  const ticking = useRef(false);

  const show = useCallback(
    (p: ProposalView | null) => {
      setProposal(p);
      onProposal(p);
    },
    [onProposal],
  );

  const stopPolling = useCallback(() => {
    if (timer.current !== null) {
      window.clearInterval(timer.current);
      timer.current = null;
    }
  }, []);

  const poll = useCallback(() => {
    stopPolling();
    timer.current = window.setInterval(() => {
      if (ticking.current) return;
      ticking.current = true;
      void (async () => {
        try {
          const s = await api.roster_propose_status();
          if (s.running) {
            setStatus(s);
          } else {
            stopPolling();
            setStatus(null);
            show(await api.roster_proposal(month));
          }
        } catch (e) {
          stopPolling();
          setStatus(null);
          setError(toApiError(e));
        } finally {
          ticking.current = false;
        }
      })();
    }, 250);
  }, [month, show, stopPolling]);

  // A search still running for this month (the page was left and opened again), or a
  // proposal waiting for review.
  useEffect(() => {
    let alive = true;
    const isAlive = () => alive;
    void (async () => {
      try {
        const s = await api.roster_propose_status();
        if (!isAlive()) return;
        if (s.running && s.month === month) {
          setStatus(s);
          poll();
          return;
        }
        const p = await api.roster_proposal(month);
        if (isAlive()) show(p);
      } catch (e) {
        if (isAlive()) setError(toApiError(e));
      }
    })();
    return () => {
      alive = false;
      stopPolling();
    };
  }, [month, poll, show, stopPolling]);

  async function start() {
    setError(null);
    try {
      const s = await api.roster_propose_start(month, Number(seconds) || 20, Number(seed) || 0);
      show(null);
      setStatus(s);
      poll();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function stop() {
    try {
      await api.roster_propose_stop();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function accept() {
    try {
      const v = await api.roster_proposal_accept(month);
      show(null);
      onAccepted(v);
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function discard() {
    try {
      await api.roster_proposal_discard(month);
      show(null);
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const phase = status ? "running" : proposal ? "review" : "idle";
  return (
    <section className="propose" data-propose={phase}>
      {status ? (
        <div className="propose-bar">
          <strong>{t("propose.running")}</strong>
          <progress max={status.limit_ms} value={Math.min(status.elapsed_ms, status.limit_ms)} data-progress={status.elapsed_ms} />
          <span className="muted" data-best={status.objective} data-hard={status.hard}>
            {status.hard > 0 ? t("propose.bestHard", { n: status.hard }) : t("propose.best", { cost: status.objective.toLocaleString("et-EE") })}
            {" · "}
            {t("propose.moves", { n: status.moves.toLocaleString("et-EE") })}
          </span>
          <button type="button" name="propose_stop" onClick={() => void stop()}>{t("propose.stop")}</button>
        </div>
      ) : proposal ? (
        <>
          <div className="propose-bar" data-cells={proposal.cells.length}>
            <strong>{t("propose.title", { n: proposal.cells.length })}</strong>
            <span data-gaps-before={proposal.gap_hours_before} data-gaps-after={proposal.gap_hours_after}>
              {t("propose.gaps", { before: proposal.gap_hours_before, after: proposal.gap_hours_after })}
            </span>
            <span data-hard-after={proposal.hard_after}>{t("propose.hard", { before: proposal.hard_before, after: proposal.hard_after })}</span>
            <span>{t("propose.warnings", { before: proposal.warnings_before, after: proposal.warnings_after })}</span>
            {proposal.requests > 0 ? (
              <span data-requests={proposal.requests}>{t("propose.requests", { before: proposal.requests_met_before, after: proposal.requests_met_after, n: proposal.requests })}</span>
            ) : null}
            <span>
              {t("propose.nights", {
                before: `${proposal.nights_spread_before[1]}–${proposal.nights_spread_before[0]}`,
                after: `${proposal.nights_spread_after[1]}–${proposal.nights_spread_after[0]}`,
              })}
            </span>
            <span className="spacer" />
            <button type="button" name="proposal_discard" onClick={() => void discard()}>{t("propose.discard")}</button>
            <button type="button" name="proposal_accept" className="primary" disabled={proposal.stale} onClick={() => void accept()}>
              {t("propose.accept")}
            </button>
          </div>
          <p className="muted propose-meta">
            {t("propose.meta", {
              seed: proposal.run.seed,
              seconds: (proposal.run.elapsed_ms / 1000).toLocaleString("et-EE", { maximumFractionDigits: 1 }),
              by: proposal.run.created_by,
              at: formatDateTime(proposal.run.created_at),
            })}
            {proposal.run.stopped ? ` · ${t("propose.stopped")}` : ""}
            {" · "}
            {t("propose.legend")}
          </p>
          {proposal.stale ? <div className="banner warn" data-stale>{t("propose.stale")}</div> : null}
          {proposal.explanations.length > 0 ? (
            <details className="explanations" open>
              <summary>{t("propose.uncovered", { n: proposal.explanations.length })}</summary>
              <ul>
                {proposal.explanations.map((x) => (
                  <li key={`${x.from}-${x.skill ?? ""}`} data-gap={x.date}>{x.message}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : (
        <form className="propose-bar" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <label>
            {t("propose.seconds")}
            <input name="propose_seconds" type="number" min={1} max={600} value={seconds} onChange={(e) => { setSeconds(e.target.value); }} />
          </label>
          <label>
            {t("propose.seed")}
            <input name="propose_seed" type="number" min={0} value={seed} onChange={(e) => { setSeed(e.target.value); }} />
          </label>
          <button type="submit" name="propose" className="primary">{t("propose.start")}</button>
          <span className="muted">{t("propose.intro")}</span>
        </form>
      )}
      <ErrorBanner error={error} />
    </section>
  );
}
