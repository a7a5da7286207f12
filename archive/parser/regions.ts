/**
 * Chinese provinces and major cities as Korean analysts write them (Hangul transcription and the
 * Sino-Korean reading), without the administrative suffix (성, 시, 구).
 */
const REGION_STEMS = new Set([
  // municipalities and provinces
  '베이징', '북경', '상하이', '상해', '톈진', '천진', '충칭', '중경', '허베이', '하북', '산시', '산서', '섬서',
  '네이멍구', '내몽골', '랴오닝', '요녕', '지린', '길림', '헤이룽장', '흑룡강', '장쑤', '강소', '저장', '절강',
  '안후이', '안휘', '푸젠', '복건', '장시', '강서', '산둥', '산동', '허난', '하남', '후베이', '호북', '후난',
  '호남', '광둥', '광동', '광시', '광서', '하이난', '해남', '쓰촨', '사천', '구이저우', '귀주', '윈난', '운남',
  '시짱', '티베트', '간쑤', '감숙', '칭하이', '청해', '닝샤', '영하', '신장', '신강', '홍콩', '마카오', '대만',
  // cities
  '선전', '심천', '광저우', '광주', '항저우', '항주', '우시', '무석', '쑤저우', '소주', '난징', '남경', '우한',
  '무한', '청두', '성도', '시안', '서안', '허페이', '합비', '샤먼', '하문', '닝보', '영파', '칭다오', '청도',
  '다롄', '대련', '창사', '장사', '정저우', '정주', '지난', '제남', '푸저우', '복주', '쿤밍', '곤명', '구이양',
  '귀양', '난닝', '남녕', '하얼빈', '창춘', '장춘', '선양', '심양', '스자좡', '석가장', '타이위안', '태원',
  '란저우', '난주', '시닝', '서녕', '인촨', '은천', '우루무치', '라싸', '하이커우', '해구', '취저우', '구주',
  '둥관', '동관', '포산', '불산', '주하이', '주해', '원저우', '온주', '창저우', '상주', '난퉁', '남통', '옌타이',
  '연대', '웨이하이', '위해', '싼야', '삼아', '슝안', '웅안', '주저우', '자싱', '가흥', '사오싱', '소흥',
  '진화', '금화', '후저우', '호주', '뤄양', '낙양', '이창', '의창', '샹양', '양양', '린강', '푸둥', '포동',
  '빈후', '하이뎬', '중관촌', '장강', '창장'
])

const SUFFIX = /(특별행정구|자치구|신구|성|시|구|현)$/

/** True when `name` (e.g. 저장성, 충칭시, 베이징) names a Chinese province or city. */
function isRegion(name: string): boolean {
  const n = name.trim()
  if (REGION_STEMS.has(n)) return true
  const stem = n.replace(SUFFIX, '')
  return stem !== n && REGION_STEMS.has(stem)
}

/**
 * Regions named at the start of an item title, before the first comma: `베이징·우시, …` → [베이징, 우시].
 * Returns [] unless every name in that lead is a known region.
 */
export function regionsOfTitle(title: string): string[] {
  const comma = title.search(/[,，]/)
  if (comma <= 0) return []
  const lead = title.slice(0, comma).trim()
  const parts = lead.split(/[·・∙‧/\s]+/).filter(Boolean)
  if (parts.length === 0 || parts.length > 4) return []
  return parts.every(isRegion) ? parts : []
}
