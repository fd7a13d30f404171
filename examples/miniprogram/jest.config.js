const path = require('path')

module.exports = {
  // jsdom for miniprogram-simulate, with Node's fetch for the SDK's platform object (test/support/environment.js).
  testEnvironment: '<rootDir>/test/support/environment.js',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  // One service for every test file, started from the jar the build made (../../server/target).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // The pages require the SDK by its package name; the tests give them the SDK of this checkout.
  moduleNameMapper: { '^wxlogin-miniprogram$': path.join(__dirname, '..', '..', 'client') },
  // What `npm install` and DevTools' Build npm put inside the mini program is not part of the tests.
  modulePathIgnorePatterns: ['<rootDir>/miniprogram/node_modules/', '<rootDir>/miniprogram/miniprogram_npm/'],
}
