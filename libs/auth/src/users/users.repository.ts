import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import { type AuthUser, Role } from './role.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.tx.getRepository(UserEntity);
  }

  /** Active user with the password hash, for login only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email) and u.active', { email })
      .getOne();
  }

  findActive(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id, active: true });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  create(user: { email: string; name: string; role: Role; passwordHash: string }): Promise<UserEntity> {
    return this.repo.save(this.repo.create(user));
  }
}

export const toAuthUser = (u: UserEntity): AuthUser => ({ id: u.id, name: u.name, email: u.email, role: u.role });
