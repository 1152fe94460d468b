/* variete-paths.c
 *
 * Where Variete reads and writes, honouring the environment overrides that scripts and tests
 * rely on (DESIGN.md, Interfaces).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-paths.h"

/* Returns the folder results are saved to: $VARIETE_OUTPUT_DIR, else the configured folder
 * (the `output-dir` key; empty means default), else Pictures/Variete. */
char *
variete_paths_dup_output_dir (const char *configured)
{
  const char *env = g_getenv ("VARIETE_OUTPUT_DIR");
  const char *pictures;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  if (configured != NULL && configured[0] != '\0')
    {
      if (g_str_has_prefix (configured, "~/"))
        return g_build_filename (g_get_home_dir (), configured + 2, NULL);
      return g_strdup (configured);
    }

  pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  if (pictures == NULL)
    pictures = g_get_home_dir ();

  return g_build_filename (pictures, "Variete", NULL);
}

/* The job journal lives under the user data dir so it survives a crash or quit. */
char *
variete_paths_dup_jobs_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "variete", "jobs", NULL);
}

/* Returns the base URL of the API: $VARIETE_API_URL, else the configured one, else the default.
 * A trailing slash is removed so paths can be appended. */
char *
variete_paths_dup_api_url (const char *configured)
{
  const char *env = g_getenv ("VARIETE_API_URL");
  const char *url = VARIETE_DEFAULT_API_URL;
  gsize len;

  if (env != NULL && env[0] != '\0')
    url = env;
  else if (configured != NULL && configured[0] != '\0')
    url = configured;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;

  return g_strndup (url, len);
}
