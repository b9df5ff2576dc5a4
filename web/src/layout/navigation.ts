import {
  IconBox,
  IconBuildingWarehouse,
  IconClipboardList,
  IconDeviceTablet,
  IconFileInvoice,
  IconGauge,
  IconPackage,
  IconRoute,
  IconSettings,
  IconShieldLock,
  IconShoppingCart,
  IconTruck,
  IconTruckDelivery,
  IconTruckLoading,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
  type Icon,
} from '@tabler/icons-react';
import type { Module } from '../api/types';

export interface NavItem {
  path: string;
  label:
    | 'dashboard'
    | 'workOrders'
    | 'terminal'
    | 'licensePlates'
    | 'receiving'
    | 'purchaseOrders'
    | 'salesOrders'
    | 'shipments'
    | 'trace'
    | 'products'
    | 'warehouses'
    | 'suppliers'
    | 'customers'
    | 'users'
    | 'roles'
    | 'settings'
    | 'webhooks';
  icon: Icon;
  /** Shown to people who may read any of these modules; none = everyone. */
  modules?: Module[];
}

export interface NavSection {
  label: 'overview' | 'floor' | 'planning' | 'masterData' | 'administration';
  items: NavItem[];
}

export const navigation: NavSection[] = [
  { label: 'overview', items: [{ path: '/dashboard', label: 'dashboard', icon: IconGauge }] },
  {
    label: 'floor',
    items: [
      { path: '/work-orders', label: 'workOrders', icon: IconClipboardList, modules: ['production'] },
      { path: '/terminal', label: 'terminal', icon: IconDeviceTablet, modules: ['production'] },
      { path: '/license-plates', label: 'licensePlates', icon: IconBox, modules: ['warehouse', 'quality', 'production'] },
      { path: '/receiving', label: 'receiving', icon: IconTruckDelivery, modules: ['warehouse'] },
    ],
  },
  {
    label: 'planning',
    items: [
      { path: '/purchase-orders', label: 'purchaseOrders', icon: IconFileInvoice, modules: ['planning', 'warehouse'] },
      { path: '/sales-orders', label: 'salesOrders', icon: IconShoppingCart, modules: ['shipping'] },
      { path: '/shipments', label: 'shipments', icon: IconTruck, modules: ['shipping'] },
      { path: '/trace', label: 'trace', icon: IconRoute, modules: ['quality', 'warehouse', 'production', 'shipping'] },
    ],
  },
  {
    label: 'masterData',
    items: [
      { path: '/products', label: 'products', icon: IconPackage, modules: ['technical', 'planning', 'production', 'warehouse'] },
      { path: '/warehouses', label: 'warehouses', icon: IconBuildingWarehouse, modules: ['settings', 'warehouse', 'production', 'shipping'] },
      { path: '/suppliers', label: 'suppliers', icon: IconTruckLoading, modules: ['planning', 'warehouse', 'quality'] },
      { path: '/customers', label: 'customers', icon: IconUsersGroup, modules: ['shipping', 'quality', 'planning'] },
    ],
  },
  {
    label: 'administration',
    items: [
      { path: '/users', label: 'users', icon: IconUsers, modules: ['settings'] },
      { path: '/roles', label: 'roles', icon: IconShieldLock, modules: ['settings'] },
      { path: '/settings', label: 'settings', icon: IconSettings, modules: ['settings'] },
      { path: '/webhooks', label: 'webhooks', icon: IconWebhook, modules: ['settings'] },
    ],
  },
];

/** The four places a person on the floor goes most, in the phone's bottom bar (thumb reach). */
export const bottomBarPaths = ['/dashboard', '/work-orders', '/license-plates', '/terminal'];
