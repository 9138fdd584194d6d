/**
 * How hard a password is to guess, by zxcvbn-ts (the estimator MAS uses): a score from 0 (guessed at once)
 * to 4 (beyond an attacker's reach), and the pattern that weakens it most. The word lists are large, so they
 * are loaded on first use, once per language: the English and common lists always, the person's own
 * language's beside them where zxcvbn-ts has one. The warning is a key (`wordByItself`, `dates`, …) that
 * the caller words in the person's language.
 */
import type { OptionsDictionary } from '@zxcvbn-ts/core';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export const STRENGTH_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;
export type StrengthWarning = (typeof STRENGTH_WARNINGS)[number];

export interface PasswordStrength {
  score: StrengthScore;
  warning?: StrengthWarning;
}

/** Longer passwords are strong whatever they hold; estimating more only costs time. */
const ESTIMATED_LENGTH = 128;

type Estimator = (password: string, userInputs: string[]) => PasswordStrength;

const LANGUAGE_LISTS: Record<string, () => Promise<{ dictionary: OptionsDictionary }>> = {
  de: () => import('@zxcvbn-ts/language-de'),
  fr: () => import('@zxcvbn-ts/language-fr'),
  es: () => import('@zxcvbn-ts/language-es-es'),
};

const estimators = new Map<string, Promise<Estimator>>();

async function loadEstimator(language: string): Promise<Estimator> {
  const [{ ZxcvbnFactory }, common, english, own] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    LANGUAGE_LISTS[language]?.(),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...own?.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  const known = new Set<string>(STRENGTH_WARNINGS);
  return (password, userInputs) => {
    const result = zxcvbn.check(password.slice(0, ESTIMATED_LENGTH), userInputs);
    // Without translations zxcvbn-ts gives its message keys; one it adds later is left unworded.
    const warning = result.feedback.warning ?? undefined;
    return { score: result.score as StrengthScore, ...(warning && known.has(warning) ? { warning: warning as StrengthWarning } : {}) };
  };
}

/**
 * Estimates a password's strength for a person writing in `language`. `userInputs` are words an attacker
 * would try first for this account: the username, the server's and the brand's names.
 */
export async function passwordStrength(password: string, language: string, userInputs: string[] = []): Promise<PasswordStrength> {
  const lists = LANGUAGE_LISTS[language] ? language : 'en';
  let estimator = estimators.get(lists);
  if (!estimator) {
    estimator = loadEstimator(lists);
    estimators.set(lists, estimator);
    // A failed load (it should not fail) is tried again on the next call rather than remembered.
    estimator.catch(() => estimators.delete(lists));
  }
  return (await estimator)(password, userInputs.filter(Boolean));
}
