/* variete-test-notifications.c
 *
 * A notification server for the tests' private session bus. The app notifies when a job ends
 * while its window is not focused; with no server on the bus GIO warns, which the tests' fatal
 * warnings turn into a crash. This one counts what it is sent, on the caller's main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-test-notifications.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static guint n_notifications;
/* Held for the life of the process: the name goes with the connection. */
static GDBusConnection *notifications_bus;

static void
method_called_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      n_notifications++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n_notifications));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "variete-test", "Variete",
                                                          "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_called_cb, NULL, NULL, { 0 } };

/* Serves org.freedesktop.Notifications from this process; FALSE without a session bus. */
gboolean
variete_test_notifications_start (void)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GVariant) reply = NULL;
  GDBusConnection *bus;
  g_autoptr(GError) error = NULL;
  guint32 result = 0;

  if (notifications_bus == NULL)
    notifications_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (notifications_bus == NULL)
    return FALSE;
  bus = notifications_bus;

  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);

  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications",
                                                      0x4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);

  /* 1: primary owner; 4: already ours. */
  return result == 1 || result == 4;
}

guint
variete_test_notifications_get_count (void)
{
  return n_notifications;
}
