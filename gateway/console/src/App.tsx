/** The providers and routes. Pages a user's roles cannot use answer 403 even when typed into the address bar. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { ApiError } from "./api/problem";
import { AuthProvider, useAuth } from "./auth/AuthProvider";
import { RequireAuth } from "./auth/RequireAuth";
import { LanguageProvider } from "./i18n/LanguageProvider";
import { canOpen, PAGES, type Page } from "./layout/navigation";
import { Shell } from "./layout/Shell";
import { documentRoutes } from "./pages/documentRoutes";
import { warehouseDocumentRoutes } from "./pages/warehouse/warehouseDocumentRoutes";
import { Home } from "./pages/Home";
import { SignIn } from "./pages/SignIn";
import { Forbidden, NotFoundPage } from "./pages/StatusPages";

// Tables are the heavy part of Ant Design: loaded with the first list, not with the sign-in page.
const ResourceList = lazy(() => import("./lists/ResourceList").then((module) => ({ default: module.ResourceList })));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Retry only what may pass on retry (a 502 while a service restarts), never a 4xx.
        retry: (count, error) => error instanceof ApiError && error.retryable && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}

function PageRoute({ page }: { page: Page }) {
  const { roles } = useAuth();
  if (!canOpen(roles, page)) return <Forbidden />;
  if ("screen" in page) return <page.screen />;
  return <ResourceList key={page.path} resource={page.resource} />;
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <BrowserRouter>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <LanguageProvider>
            <Routes>
              <Route path="/sign-in" element={<SignIn />} />
              <Route
                element={
                  <RequireAuth>
                    <Shell />
                  </RequireAuth>
                }
              >
                <Route index element={<Home />} />
                {PAGES.map((page) => (
                  <Route key={page.path} path={"screen" in page ? `${page.path}/*` : page.path} element={<PageRoute page={page} />} />
                ))}
                {documentRoutes()}
                {warehouseDocumentRoutes()}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </LanguageProvider>
        </AuthProvider>
      </QueryClientProvider>
    </BrowserRouter>
  );
}
