/**
 * Builds the text of a small fictional briefing in the KOSTEC weekly layout, for tests that need a
 * parseable file without the real seed. Every name and sentence here is invented.
 */

/** What to put in the fictional briefing. */
export interface FictionalOptions {
  /** Publication date, YYYY-MM-DD. */
  published: string
  /** Number of items in section I (1–9). */
  items?: number
  /** Appended to each item's headline, to make two versions of one issue differ. */
  revision?: string
}

/** The text of a fictional briefing with `items` policy items and a colophon carrying the date. */
export function fictionalBriefing({ published, items = 2, revision = '' }: FictionalOptions): string {
  const [y, m, d] = published.split('-').map(Number)
  const titles = Array.from({ length: items }, (_, i) => `가상시, 시험 정책 ${i + 1}호 발표`)
  const lines = [
    '중국 과학기술 정책 주/간/동/향',
    '',
    'CONTENTS',
    '',
    '1. 정책동향',
    '',
    '지역',
    '',
    ...titles.flatMap((t) => [`• ${t}`, '']),
    '요약',
    '',
    `- 가상시가 시험 정책을 발표하였다${revision}.`,
    '',
    'I 정책동향',
    '',
    ...titles.flatMap((t, i) => [
      `0${i + 1} ${t}`,
      '',
      `■ 가상시는 시험용 정책 ${i + 1}호를 발표(3.2${i})${revision}`,
      '',
      '- 이 문장은 테스트를 위해 지어낸 것이다.',
      ''
    ]),
    '중국 과학기술 정책 주/간/동/향',
    '',
    `| 발 행 일 | ${y}. ${m}. ${d}`,
    '',
    '| 발 행 인 | 홍길동',
    '',
    '| 발행기관 | 가상과학기술협력센터',
    ''
  ]
  return lines.join('\n')
}
