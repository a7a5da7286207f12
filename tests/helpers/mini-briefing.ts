/** Builds a small briefing text in the weekly layout, written for the tests (not the seed). */
export function miniBriefing(options: { published?: string; body?: string[]; extraItem?: string[] } = {}): string {
  const [y, m, d] = (options.published ?? '2024-05-10').split('-').map(Number)
  const body = options.body ?? ['■ 허페이는 양자 산업 지원책을 발표(5.2)', '- 연구소 설립 지원', ' - 인재 유치 보조금']
  return [
    '테스트 과학기술 정책 주/간/동/향',
    '',
    'CONTENTS',
    '',
    '1. 정책동향',
    '',
    '지역',
    '',
    '• 허페이, 양자 산업 지원책 발표',
    '',
    '요약',
    '',
    '- 허페이는 양자 산업 지원책을 발표하였다.',
    '',
    'I 정책동향',
    '',
    '01 허페이, 양자 산업 지원책 발표',
    '',
    ...body,
    '',
    ...(options.extraItem ?? []),
    '',
    'TEST DESK',
    '',
    `| 발 행 일 | ${y}. ${m}. ${d}`,
    '',
    '| 발 행 인 | 김테스트',
    '',
    '| 발행기관 | 테스트센터',
    '<https://example.org>'
  ].join('\n')
}
