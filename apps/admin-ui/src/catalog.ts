import { useQuery } from '@tanstack/react-query';
import { api, type Catalog } from './api';
import { type Lang } from './i18n';

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => api.get<Catalog>('/catalog/models'),
    staleTime: 300_000,
  });
}

/** The zh name where the catalog has one and the UI is in Chinese. */
export function nameOf(
  item: { name: string; nameZh?: string } | undefined,
  lang: Lang,
  fallback = '',
): string {
  if (!item) return fallback;
  return lang === 'zh-CN' && item.nameZh ? item.nameZh : item.name;
}
