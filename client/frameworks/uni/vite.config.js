const { defineConfig } = require('vite')
const uni = require('@dcloudio/vite-plugin-uni').default

// The service's address is compiled in: the SDK's tests build this app against the service they started.
module.exports = defineConfig({
  plugins: [uni()],
  define: {
    WXLOGIN_BASE_URL: JSON.stringify(process.env.WXLOGIN_BASE_URL || 'https://login.example.com'),
  },
})
