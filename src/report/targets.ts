/**
 * Targets from the customer's brief (docs/REPORTS.md): kept in one place so every renderer
 * shows the same bar. Cost budget: about $116 a month for about 12 posts.
 */
export const TARGETS = {
  engagementRate: 0.02,
  benchmarkLow: 0.005,
  benchmarkHigh: 0.01,
  uniqueViewersPerPost: 500,
  uniqueViewersStretch: 1000,
  /** Content quality 95 %+: share of published posts the judge rates natural with no cliché. */
  naturalShare: 0.95,
  costPerPostBudget: 116 / 12,
} as const;
