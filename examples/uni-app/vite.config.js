const { defineConfig } = require('vite')
const uni = require('@dcloudio/vite-plugin-uni').default

// The service's address is compiled in (WXLOGIN_BASE_URL at build time): edit the default for your setup.
module.exports = defineConfig({
  plugins: [uni()],
  define: {
    WXLOGIN_BASE_URL: JSON.stringify(process.env.WXLOGIN_BASE_URL || 'http://127.0.0.1:8080'),
  },
})
