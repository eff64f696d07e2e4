/**
 * Steps marked done, kept in this browser only (localStorage), with the time they were first
 * marked: the same step (e.g. 「カードを止める」) counts as done whatever situation led to it.
 * A double tap keeps the first time, as src/response/mark-done.ts does.
 */
import { useCallback, useState } from 'react';
import type { StepId } from './response-api.ts';

const KEY = 'mamori.response.done';

export interface DoneEntry {
  at: string;
  ja: string;
  en: string;
}
export type DoneMap = Partial<Record<StepId, DoneEntry>>;

function load(): DoneMap {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as DoneMap) : {};
  } catch {
    return {};
  }
}

function save(map: DoneMap) {
  try {
    localStorage.setItem(KEY, JSON.stringify(map));
  } catch {
    // Storage may be blocked (private mode): the marks last for this page only.
  }
}

export function useDoneSteps() {
  const [done, setDone] = useState<DoneMap>(load);
  const mark = useCallback((id: StepId, title: { ja: string; en: string }) => {
    setDone((prev) => {
      if (prev[id]) return prev;
      const next = { ...prev, [id]: { at: new Date().toISOString(), ja: title.ja, en: title.en } };
      save(next);
      return next;
    });
  }, []);
  const unmark = useCallback((id: StepId) => {
    setDone((prev) => {
      const next = { ...prev };
      delete next[id];
      save(next);
      return next;
    });
  }, []);
  return { done, mark, unmark };
}
