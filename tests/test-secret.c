/* test-secret.c
 *
 * The API key in a real Secret Service (see variete-test-keyring.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "variete-secret.h"
#include "variete-test-keyring.h"

static void
async_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (*slot);
  return *slot;
}

static char *
lookup (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_secret_lookup_async (NULL, async_result_cb, &result);
  return variete_secret_lookup_finish (wait_for_result (&result), error);
}

static void
store (const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_secret_store_async (key, NULL, async_result_cb, &result);
  variete_secret_store_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
clear (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_secret_clear_async (NULL, async_result_cb, &result);
  g_assert_true (variete_secret_clear_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_secret_store_lookup_replace_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *gone = NULL;

  clear ();
  none = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (none);

  store ("tengr-key-one");
  first = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "tengr-key-one");

  /* Storing again replaces the key rather than adding a second one. */
  store ("tengr-key-two");
  second = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "tengr-key-two");

  clear ();
  gone = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (gone);

  /* Removing a key that is not there is fine. */
  clear ();
}

static void
test_secret_env_override (void)
{
  g_setenv ("VARIETE_API_KEY", "from-env", TRUE);
  g_assert_cmpstr (variete_secret_get_env_key (), ==, "from-env");
  g_setenv ("VARIETE_API_KEY", "", TRUE);
  g_assert_null (variete_secret_get_env_key ());
  g_unsetenv ("VARIETE_API_KEY");
  g_assert_null (variete_secret_get_env_key ());
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_keyring;
  int ret;

  g_test_init (&argc, &argv, NULL);

  have_keyring = variete_test_keyring_start ();

  if (have_keyring)
    g_test_add_func ("/secret/store-lookup-replace-remove", test_secret_store_lookup_replace_remove);
  else
    g_test_message ("No gnome-keyring-daemon or session bus: skipping keyring tests");
  g_test_add_func ("/secret/env-override", test_secret_env_override);

  ret = g_test_run ();

  variete_test_keyring_stop ();

  return ret;
}
