/* test-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-paths.h"

static void
test_output_dir_env_wins (void)
{
  g_autofree char *dir = NULL;

  g_setenv ("VARIETE_OUTPUT_DIR", "/tmp/variete-out", TRUE);
  dir = variete_paths_dup_output_dir ("/somewhere/else");
  g_assert_cmpstr (dir, ==, "/tmp/variete-out");
  g_unsetenv ("VARIETE_OUTPUT_DIR");
}

static void
test_output_dir_configured_and_default (void)
{
  g_autofree char *configured = NULL;
  g_autofree char *home = NULL;
  g_autofree char *dflt = NULL;
  g_autofree char *expected_home = NULL;

  g_unsetenv ("VARIETE_OUTPUT_DIR");
  configured = variete_paths_dup_output_dir ("/srv/art");
  g_assert_cmpstr (configured, ==, "/srv/art");

  home = variete_paths_dup_output_dir ("~/Art");
  expected_home = g_build_filename (g_get_home_dir (), "Art", NULL);
  g_assert_cmpstr (home, ==, expected_home);

  dflt = variete_paths_dup_output_dir ("");
  g_assert_true (g_str_has_suffix (dflt, "/Variete"));
}

static void
test_jobs_dir_under_data_dir (void)
{
  g_autofree char *dir = variete_paths_dup_jobs_dir ();

  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (dir, "variete/jobs"));
}

static void
test_api_url_override_and_trailing_slash (void)
{
  g_autofree char *env = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *dflt = NULL;

  g_setenv ("VARIETE_API_URL", "http://127.0.0.1:4000//", TRUE);
  env = variete_paths_dup_api_url ("https://example.com");
  g_assert_cmpstr (env, ==, "http://127.0.0.1:4000");

  g_unsetenv ("VARIETE_API_URL");
  conf = variete_paths_dup_api_url ("https://example.com/");
  g_assert_cmpstr (conf, ==, "https://example.com");

  dflt = variete_paths_dup_api_url (NULL);
  g_assert_cmpstr (dflt, ==, "https://api.tengr.ai");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paths/output-dir/env", test_output_dir_env_wins);
  g_test_add_func ("/paths/output-dir/configured", test_output_dir_configured_and_default);
  g_test_add_func ("/paths/jobs-dir", test_jobs_dir_under_data_dir);
  g_test_add_func ("/paths/api-url", test_api_url_override_and_trailing_slash);

  return g_test_run ();
}
