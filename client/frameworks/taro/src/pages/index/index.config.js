export default definePageConfig({ navigationBarTitleText: 'wxlogin' })
