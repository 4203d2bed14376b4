import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiClient, useNotice, type RecordJSON } from 'adminjs';

const api = new ApiClient();

/**
 * AdminJS's useRecords (the list action for the address's filters, sort and page), keeping one more thing of the
 * answer: `totalIsCapped` — a search counted only up to its cap ("более 1000", RegistryResource.count).
 */
export function useListRecords(resourceId: string) {
  const [state, setState] = useState({
    records: [] as RecordJSON[],
    page: 1,
    perPage: 20,
    total: 0,
    totalIsCapped: false,
    direction: 'asc' as 'asc' | 'desc',
    sortBy: undefined as string | undefined,
  });
  const [loading, setLoading] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const addNotice = useNotice();

  const fetchData = async () => {
    setLoading(true);
    try {
      const response = await api.resourceAction({ actionName: 'list', resourceId, params: new URLSearchParams(location.search) });
      const data = response.data;
      if (data.notice) addNotice(data.notice);
      if (data.redirectUrl) {
        navigate(data.redirectUrl);
        return;
      }
      setState({
        records: data.records,
        page: data.meta.page,
        perPage: data.meta.perPage,
        total: data.meta.total,
        totalIsCapped: Boolean(data.meta.totalIsCapped),
        direction: data.meta.direction,
        sortBy: data.meta.sortBy,
      });
    } catch {
      addNotice({ message: 'errorFetchingRecords', type: 'error', resourceId });
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const search = new URLSearchParams(location.search);
    if (search.get('refresh')) {
      // after an action: drop the marker from the address, which fetches again
      search.delete('refresh');
      navigate({ pathname: location.pathname, search: search.toString() }, { replace: true });
    } else {
      void fetchData();
    }
  }, [resourceId, location.search, location.state]);

  return { ...state, loading, fetchData };
}
