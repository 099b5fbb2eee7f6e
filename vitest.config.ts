import { defineConfig } from 'vitest/config';

// One run over every member. Workspace packages resolve to their TypeScript
// sources through the "source" export condition, so tests never need a build
// of a sibling. A JSON report is written for .ci/run to count.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
