// What the page does on load, step by step: log in, call the service, log out, call again. Each
// step's outcome (or error code) is kept, so a failing network shows as codes, never as a crash.
export async function runCheck(auth) {
  const steps = []
  const step = async (name, action) => {
    try {
      steps.push({ name, ok: true, value: await action() })
    } catch (e) {
      steps.push({ name, ok: false, code: e && e.code })
    }
  }
  await step('login', async () => (await auth.login()).user.id)
  await step('request', async () => (await auth.request({ url: '/api/v1/me' })).statusCode)
  await step('logout', async () => (await auth.logout()).revoked)
  await step('afterLogout', async () => (await auth.request({ url: '/api/v1/me' })).statusCode)
  return steps
}
