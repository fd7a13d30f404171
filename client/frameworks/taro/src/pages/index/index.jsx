import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { auth } from '../../auth'
import { runCheck } from '../../check'

export default function Index() {
  const [steps, setSteps] = useState([])

  useLoad(() => {
    runCheck(auth).then((result) => {
      setSteps(result)
      Taro.setStorageSync('wxlogin-check-report', result)
    })
  })

  return (
    <View className='steps'>
      {steps.map((s) => (
        <Text key={s.name}>{s.name}: {s.ok ? String(s.value) : s.code}</Text>
      ))}
    </View>
  )
}
