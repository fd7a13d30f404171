const { defineConfig } = require('@tarojs/cli')

// The service's address is compiled in: the SDK's tests build this app against the service they started.
module.exports = defineConfig({
  projectName: 'wxlogin-taro-check',
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  sourceRoot: 'src',
  outputRoot: 'dist',
  designWidth: 750,
  deviceRatio: { 750: 1 },
  defineConstants: {
    WXLOGIN_BASE_URL: JSON.stringify(process.env.WXLOGIN_BASE_URL || 'https://login.example.com'),
  },
  mini: { optimizeMainPackage: { enable: false } },
})
