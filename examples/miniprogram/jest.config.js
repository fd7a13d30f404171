module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  // What `npm install` and DevTools' Build npm put inside the mini program is not part of the tests.
  modulePathIgnorePatterns: ['<rootDir>/miniprogram/node_modules/', '<rootDir>/miniprogram/miniprogram_npm/'],
}
