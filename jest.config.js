// Unit tests: beside the code as *.test.ts(x). Integration tests (*.itest.ts) need the running
// demo stack and live in jest.integration.config.js.
const esmPackages = ['d3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', 'marked', 'ol', 'uuid', 'nanoid', 'fast-check', 'pure-rand', '@bsull', 'react-calendar', 'get-user-locale', 'memoize', 'mimic-function', '@wojtekmaj', 'date-fns', 'rxjs', 'ml-[a-z-]+', 'is-any-array', 'monaco-editor', '@grafana/schema'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>'],
  testMatch: ['**/?(*.)test.[jt]s?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/', '/.cache/', '/.headroom-stack/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/lib/', '<rootDir>/.cache/'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
    '^.+\\.mjs$': ['@swc/jest'],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/style-mock.js',
  },
  testTimeout: 30000,
};
